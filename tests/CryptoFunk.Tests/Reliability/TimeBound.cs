using System.Globalization;

namespace CryptoFunk.Tests.Reliability;

/// <summary>The longest a run with faults may take, as the sum of what each part allows.</summary>
internal sealed record TimeBound(TimeSpan Baseline, TimeSpan Hangs, TimeSpan RetryAfter, TimeSpan Backoff, TimeSpan ExtraRequests, TimeSpan Margin)
{
    public TimeSpan Total => Baseline + Hangs + RetryAfter + Backoff + ExtraRequests + Margin;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"bound {Total.TotalSeconds:0.0} s = baseline {Baseline.TotalSeconds:0.0} + hangs {Hangs.TotalSeconds:0.0} + Retry-After {RetryAfter.TotalSeconds:0.0} + backoff {Backoff.TotalSeconds:0.0} + extra requests {ExtraRequests.TotalSeconds:0.0} + margin {Margin.TotalSeconds:0.0}");
}
