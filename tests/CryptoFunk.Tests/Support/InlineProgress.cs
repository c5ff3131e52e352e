namespace CryptoFunk.Tests.Support;

/// <summary>Reports on the caller's thread, at once (<see cref="Progress{T}"/> would post to the thread pool).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
