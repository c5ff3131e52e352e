namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Where a paper account lives while it trades: in its grain (the program's own silo, or a cluster's), or in this
/// process without Orleans (<see cref="LocalPaperAccountHost"/>). The trading loop drives either the same way, and
/// either rebuilds the account from its stored journal when it opens it.
/// </summary>
public interface IPaperAccountHost
{
    /// <summary>Opens <paramref name="opening"/>'s account from its stored journal, replacing any copy already open.</summary>
    /// <exception cref="InvalidOperationException">The store holds no paper run for the account, or its journal does not match its rebuild.</exception>
    Task<IOpenPaperAccount> OpenAsync(PaperAccountOpening opening, CancellationToken cancellationToken);
}
