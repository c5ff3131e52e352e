using CryptoFunk.Markets.Exchanges;
using Spectre.Console;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// Moves a Spectre.Console progress bar as a download covers its time range. Reports are applied at once on the
/// reporting thread (unlike <see cref="Progress{T}"/>, which posts them later); <see cref="ProgressTask"/> is thread-safe.
/// </summary>
internal sealed class ProgressTaskReporter(ProgressTask task) : IProgress<CandleDownloadProgress>
{
    public void Report(CandleDownloadProgress value) => task.Value = value.Fraction * task.MaxValue;
}
