namespace CryptoFunk.Cluster.Status;

/// <summary>
/// Trading decisions per minute, counted from the decisions stored in the database over the last
/// <see cref="Window"/> (by the time each was stored), so it counts every silo's and every process's decisions alike.
/// </summary>
/// <param name="PerMinute">Decisions per minute; null when the database could not be read.</param>
/// <param name="Window">The span counted.</param>
/// <param name="Database">The database counted, without its password.</param>
/// <param name="Problem">Why there is no rate, or null.</param>
public sealed record DecisionRate(double? PerMinute, TimeSpan Window, string Database, string? Problem);
