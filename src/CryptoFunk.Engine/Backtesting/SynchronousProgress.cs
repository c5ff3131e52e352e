namespace CryptoFunk.Engine.Backtesting;

/// <summary>
/// Reports on the caller's thread, between two bars (the standard <see cref="Progress{T}"/> posts to the thread pool,
/// so its reports arrive late and out of step with the run).
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
