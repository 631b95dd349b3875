using RaftChaos.Cli;

// The composition root: the command tree lives in CliApplication (one file per command under Commands/).
return await CliApplication.RunAsync(args);
