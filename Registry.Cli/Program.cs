using Registry.Cli;

return await RootCommandFactory.Create().Parse(args).InvokeAsync();
