namespace Registry.Client.Checks;

/// <summary>The result of one item of a batch check: an answer or a refusal.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class CheckBatchItemResult
{
    internal CheckBatchItemResult(int index, CheckResult? result, RegistryRequestException? error)
    {
        Index = index;
        Result = result;
        Error = error;
    }

    /// <summary>Gets the index of the item in the request.</summary>
    public int Index { get; }

    /// <summary>Gets the answer, when the check was answered.</summary>
    public CheckResult? Result { get; }

    /// <summary>Gets the refusal, when it was not: the same exception a single check would have thrown.</summary>
    public RegistryRequestException? Error { get; }

    /// <summary>Gets whether the check was answered.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Result))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Result is not null;
}
