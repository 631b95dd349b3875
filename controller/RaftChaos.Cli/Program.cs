using System.CommandLine;
using RaftChaos.Cli.Commands;

// The composition root: each command lives in Commands/<Name>Command.cs and is registered here.
var root = new RootCommand("raftchaos: a chaos-testing bed for a Raft-replicated store");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(BenchCheckCommand.Create());
root.Subcommands.Add(KvCommand.Create());
root.Subcommands.Add(ImagesCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(BenchReportCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(CleanCommand.Create());
return await root.Parse(args).InvokeAsync();
