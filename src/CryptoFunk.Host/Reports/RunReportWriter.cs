using System.Text;
using CryptoFunk.Markets.Files;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Reports;

/// <summary>
/// Writes the HTML report of a stored run; <c>backtest --report</c> and <c>report</c> both come here, so the report
/// is always drawn from the database. The file is written beside its target and moved into place only when complete.
/// </summary>
internal sealed class RunReportWriter(JournalQueries journal, TimeProvider time)
{
    /// <summary>Writes the report of <paramref name="runId"/> to <paramref name="path"/>; false when there is no such run.</summary>
    /// <exception cref="JournalUnavailableException">There is no database to read.</exception>
    public async Task<bool> WriteAsync(string runId, string path, CancellationToken cancellationToken)
    {
        var rows = await journal.RunReportAsync(runId, cancellationToken);
        if (rows is null)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(RunReportHtml.Write(RunReport.From(rows), time.GetUtcNow()));
        await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
        return true;
    }
}
