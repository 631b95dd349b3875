using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RaftChaos.Node.Api;
using RaftChaos.Node.Raft;
using RaftChaos.Node.Transport;

namespace RaftChaos.Node.Hosting;

/// <summary>Builds the node's web host: Kestrel on h2c, the Kv and Peer services, the Raft loop, logging.</summary>
internal static class NodeHost
{
    /// <summary>Largest gRPC message in either direction. Well above the value limit so an oversized value
    /// reaches validation (InvalidArgument naming the limit) instead of failing as ResourceExhausted.</summary>
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    public static WebApplication Build(NodeOptions options, TimeProvider? time = null)
    {
        LogfmtConsoleFormatter.NodeId = options.Id;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // The node reads no settings files. Left at its defaults the host would watch its content root (the
            // working directory, "/" in the image) for appsettings changes: 2,681 inotify watches, and a watcher
            // thread woken by every WAL write.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = LogfmtConsoleFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<LogfmtConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // Framework chatter (every request, every HTTP/2 connection) would drown the Raft events.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            void Http2(ListenOptions listen) => listen.Protocols = HttpProtocols.Http2;
            var host = options.Listen.Host;
            if (IPAddress.TryParse(host, out var ip))
            {
                kestrel.Listen(ip, options.Listen.Port, Http2);
            }
            else if (host == "localhost")
            {
                kestrel.ListenLocalhost(options.Listen.Port, Http2);
            }
            else
            {
                kestrel.ListenAnyIP(options.Listen.Port, Http2);
            }
            kestrel.Limits.MaxRequestBodySize = null;
            // Many concurrent client calls share few connections (bench, workloads).
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
            o.EnableDetailedErrors = true;
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<RequestValidator>();
        builder.Services.AddSingleton<PeerContacts>();
        builder.Services.AddSingleton<PeerTransport>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PeerTransport>());
        builder.Services.AddSingleton<RaftLoop>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RaftLoop>());

        var app = builder.Build();
        app.MapGrpcService<KvService>();
        app.MapGrpcService<PeerService>();
        app.MapGrpcService<AdminService>();
        return app;
    }
}
