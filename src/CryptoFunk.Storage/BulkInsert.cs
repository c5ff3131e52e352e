using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CryptoFunk.Storage;

/// <summary>
/// Inserts many rows of one entity type through one prepared <c>INSERT</c> built from the EF Core model: table and
/// column names, and each column's type mapping with its value converter (epoch milliseconds, decimals, JSON), so
/// SQLite and PostgreSQL get exactly what <c>SaveChanges</c> would write, at a fraction of its per-row cost. Runs on
/// the context's connection and inside its current transaction. Store-generated keys are left to the database.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Inserts <paramref name="rows"/> (all of entity type <paramref name="clrType"/>). With
    /// <paramref name="replaceOnConflict"/> a row whose primary key exists replaces the stored one
    /// (<c>ON CONFLICT ... DO UPDATE</c>, the same syntax in both databases); otherwise a duplicate key fails.
    /// </summary>
    /// <exception cref="DbUpdateException">A row breaks a key or constraint; the caller's transaction should roll back.</exception>
    public static async Task InsertAsync(DbContext context, Type clrType, IReadOnlyList<object> rows, bool replaceOnConflict, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = context.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not part of the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never || !p.IsPrimaryKey())
            .Where(p => p.PropertyInfo is not null)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping()))
            .ToList();
        var sql = context.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES (")
            .AppendJoin(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}"))).Append(')')
            .Append(replaceOnConflict ? ConflictClause(entity, table, columns.Select(c => c.Name), sql) : string.Empty);

        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
        }

        // One prepared statement, executed once per row: the database parses it once and binds only values.
        await using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = text.ToString();
        var parameters = columns
            .Select((c, i) => c.Mapping.CreateParameter(command, sql.GenerateParameterName($"p{i}"), null, c.Property.IsNullable))
            .ToArray();
        command.Parameters.AddRange(parameters);
        var getters = columns.Select(c => (Func<object, object?>)c.Property.PropertyInfo!.GetValue).ToArray();
        var converters = columns.Select(c => c.Mapping.Converter).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                var value = getters[c](row);
                parameters[c].Value = value is null ? DBNull.Value : converters[c]?.ConvertToProvider(value) ?? value;
            }

            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e)
            {
                // The same exception SaveChanges gives, so callers handle a broken key the same way on every path.
                throw new DbUpdateException($"could not insert into {table.Name}: {e.Message}", e);
            }
        }
    }

    private static string ConflictClause(IEntityType entity, StoreObjectIdentifier table, IEnumerable<string> columns, ISqlGenerationHelper sql)
    {
        var keys = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToList();
        var updates = columns.Where(c => !keys.Contains(c)).Select(c => $"{sql.DelimitIdentifier(c)} = excluded.{sql.DelimitIdentifier(c)}");
        return $" ON CONFLICT ({string.Join(", ", keys.Select(k => sql.DelimitIdentifier(k)))}) DO UPDATE SET {string.Join(", ", updates)}";
    }
}
