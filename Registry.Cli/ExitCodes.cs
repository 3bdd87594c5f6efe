namespace Registry.Cli;

/// <summary>The process exit codes of <c>registry</c>; a contract documented in <c>--help</c> and docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command line or a value in it is invalid (the parser's default); nothing was sent.</summary>
    public const int Usage = 1;

    /// <summary>The service refused or failed the call; the gRPC status, message and reason are printed.</summary>
    public const int ServiceError = 2;

    /// <summary>Part of the work was done (e.g. an import with rejected rows).</summary>
    public const int PartialSuccess = 3;

    /// <summary>The audit log or a proof does not verify.</summary>
    public const int VerificationFailed = 4;

    /// <summary>Interrupted by Ctrl+C (SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM.</summary>
    public const int Terminated = 143;

    /// <summary>The exit-code table appended to the root command's help.</summary>
    public const string HelpText = """
        Exit codes:
          0    ok
          1    usage error (bad command line or value; nothing was sent)
          2    the service refused or failed the call (gRPC status, message and reason on stderr)
          3    partial success
          4    verification failed (audit log or proof)
          130  interrupted (Ctrl+C)
          143  terminated (SIGTERM)
        """;
}
