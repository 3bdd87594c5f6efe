using Registry.Cli;
using Registry.Cli.Infrastructure;

return await CliInvocation.RunAsync(RootCommandFactory.Create(), args);
