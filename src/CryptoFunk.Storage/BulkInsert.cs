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
        if (rows.Count > 0)
        {
            await RunAsync(context, clrType, rows, replaceOnConflict ? Tail.ReplaceOnConflict : Tail.None, cancellationToken);
        }
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> and returns the key the database generated for each, in order
    /// (<c>RETURNING</c>, in both databases), so callers need no second query to find the rows they wrote.
    /// </summary>
    /// <exception cref="DbUpdateException">A row breaks a key or constraint; the caller's transaction should roll back.</exception>
    public static async Task<long[]> InsertReturningKeysAsync(DbContext context, Type clrType, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? [] : await RunAsync(context, clrType, rows, Tail.ReturningKey, cancellationToken);

    private enum Tail
    {
        None,
        ReplaceOnConflict,
        ReturningKey,
    }

    private static async Task<long[]> RunAsync(DbContext context, Type clrType, IReadOnlyList<object> rows, Tail tail, CancellationToken cancellationToken)
    {
        var entity = context.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not part of the model");
        var sql = context.GetService<ISqlGenerationHelper>();
        var plan = entity.GetOrAddRuntimeAnnotationValue(PlanAnnotation(tail), static state => Plan.For(state.Entity, state.Tail, state.Sql), (Entity: entity, Tail: tail, Sql: sql));

        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
        }

        // One prepared statement, executed once per row: the database parses it once and binds only values.
        await using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = plan.Text;
        var parameters = plan.Columns
            .Select((c, i) => c.Mapping.CreateParameter(command, sql.GenerateParameterName($"p{i}"), null, c.Nullable))
            .ToArray();
        command.Parameters.AddRange(parameters);
        var keys = tail == Tail.ReturningKey ? new long[rows.Count] : [];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                var column = plan.Columns[c];
                var value = column.Get(rows[r]);
                parameters[c].Value = value is null ? DBNull.Value : column.Converter?.ConvertToProvider(value) ?? value;
            }

            try
            {
                if (tail == Tail.ReturningKey)
                {
                    keys[r] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            catch (DbException e)
            {
                // The same exception SaveChanges gives, so callers handle a broken key the same way on every path.
                throw new DbUpdateException($"could not insert into {plan.Table}: {e.Message}", e);
            }
        }

        return keys;
    }

    private static string PlanAnnotation(Tail tail) => tail switch
    {
        Tail.ReplaceOnConflict => "CryptoFunk:BulkInsert:Replace",
        Tail.ReturningKey => "CryptoFunk:BulkInsert:Returning",
        _ => "CryptoFunk:BulkInsert",
    };

    private static string ConflictClause(IEntityType entity, StoreObjectIdentifier table, IEnumerable<string> columns, ISqlGenerationHelper sql)
    {
        var keys = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToList();
        var updates = columns.Where(c => !keys.Contains(c)).Select(c => $"{sql.DelimitIdentifier(c)} = excluded.{sql.DelimitIdentifier(c)}");
        return $" ON CONFLICT ({string.Join(", ", keys.Select(k => sql.DelimitIdentifier(k)))}) DO UPDATE SET {string.Join(", ", updates)}";
    }
    /// <summary>
    /// What an insert into one table needs, worked out once per entity type and kept on the model: the statement, and
    /// per column its type mapping, value converter and a compiled getter (reading a property by reflection cost more
    /// than binding it).
    /// </summary>
    private sealed record Plan(string Table, string Text, Column[] Columns)
    {
        public static Plan For(IEntityType entity, Tail tail, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties()
                .Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never || !p.IsPrimaryKey())
                .Where(p => p.PropertyInfo is not null)
                .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping()))
                .ToList();
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
                .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES (")
                .AppendJoin(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}"))).Append(')')
                .Append(tail switch
                {
                    Tail.ReplaceOnConflict => ConflictClause(entity, table, columns.Select(c => c.Name), sql),
                    Tail.ReturningKey => $" RETURNING {sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!)}",
                    _ => string.Empty,
                });
            return new Plan(
                table.Name,
                text.ToString(),
                [.. columns.Select(c => new Column(c.Mapping, c.Property.IsNullable, c.Mapping.Converter, Getter(entity.ClrType, c.Property.PropertyInfo!)))]);
        }

        private static Func<object, object?> Getter(Type owner, System.Reflection.PropertyInfo property)
        {
            var row = System.Linq.Expressions.Expression.Parameter(typeof(object), "row");
            var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(row, owner), property);
            return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), row).Compile();
        }
    }

    private sealed record Column(RelationalTypeMapping Mapping, bool Nullable, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, Func<object, object?> Get);
}
