using System.CommandLine;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Audit;

/// <summary><c>registry audit</c>: the tamper-evident access log (auditor key; offline verification needs none).</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context) =>
        new("audit", "Verify, export, follow and prove the audit log (auditor key).")
        {
            AuditVerifyCommand.Create(context),
            AuditExportCommand.Create(context),
            AuditTailCommand.Create(context),
            AuditProveCommand.Create(context),
            AuditKeygenCommand.Create(context),
        };
}
