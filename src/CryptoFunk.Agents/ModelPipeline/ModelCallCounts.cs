namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>How the model calls behind one answer were served, so a run can report calls and cache hits exactly.</summary>
/// <param name="Live">Answered by a provider.</param>
/// <param name="Cached">Served from the answer cache instead of a provider.</param>
/// <param name="Replayed">Served from a recording in replay mode.</param>
/// <param name="Refused">Refused by the model budget: never sent.</param>
public readonly record struct ModelCallCounts(int Live, int Cached, int Replayed, int Refused = 0)
{
    /// <summary>The sum of two counts.</summary>
    public static ModelCallCounts operator +(ModelCallCounts a, ModelCallCounts b) =>
        new(a.Live + b.Live, a.Cached + b.Cached, a.Replayed + b.Replayed, a.Refused + b.Refused);
}
