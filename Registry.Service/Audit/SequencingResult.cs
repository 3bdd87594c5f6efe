using Registry.Client.Transparency;

namespace Registry.Service.Audit;

/// <summary>What one sequencing cycle did: whether this replica holds the lease, how many entries it numbered.</summary>
public sealed record SequencingResult(bool IsHolder, MerkleFrontier? Frontier, int Sequenced, string? Problem)
{
    public static SequencingResult NotHolder { get; } = new(false, null, 0, null);

    public static SequencingResult Held(MerkleFrontier frontier, int sequenced) => new(true, frontier, sequenced, null);

    public static SequencingResult Refused(string problem) => new(true, null, 0, problem);
}
