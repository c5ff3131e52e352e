using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CryptoFunk.Storage;

/// <summary>
/// Runs a write in one transaction under the database's execution strategy, so on PostgreSQL a write cut by an
/// outage is tried again, on a fresh context, once the server is back. When the connection broke during the commit
/// the write may have been stored after all: <c>stored</c>, when given, is asked first, and a stored write is not
/// written twice. On SQLite the writes of one process take turns (<see cref="CryptoFunkDbContextFactory.WriteGate"/>).
/// </summary>
internal static class RetriableTransaction
{
    public static async Task RunAsync(
        IDbContextFactory<CryptoFunkDbContext> contexts,
        Func<CryptoFunkDbContext, CancellationToken, Task> write,
        Func<CancellationToken, Task<bool>>? stored,
        CancellationToken cancellationToken)
    {
        var gate = (contexts as CryptoFunkDbContextFactory)?.WriteGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var first = await contexts.CreateDbContextAsync(cancellationToken);
            await first.Database.CreateExecutionStrategy().ExecuteAsync(
                write,
                async (_, operation, token) =>
                {
                    await using var context = await contexts.CreateDbContextAsync(token);
                    await using var transaction = await context.Database.BeginTransactionAsync(token);
                    await operation(context, token);
                    await transaction.CommitAsync(token);
                    return true;
                },
                stored is null ? null : async (_, _, token) => new ExecutionResult<bool>(await stored(token), true),
                cancellationToken);
        }
        finally
        {
            gate?.Release();
        }
    }
}
