using Spectre.Console;

namespace CryptoFunk.Host.Output;

/// <summary>
/// The paper screen on a terminal: a Spectre.Console live display redrawn a few times a second while the loop runs, so
/// agents are seen waiting and answering during a decision, and after every close.
/// </summary>
internal static class PaperScreen
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);

    /// <summary>True when <paramref name="output"/> is an interactive terminal that can draw it (not a pipe or a file).</summary>
    public static bool CanDraw(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with the screen drawn from <paramref name="state"/> until it ends.</summary>
    public static async Task<T> ShowAsync<T>(PaperScreenState state, Func<Task<T>> work)
    {
        using var watcher = new AgentActivityWatcher(state);
        return await AnsiConsole.Live(state.Render()).AutoClear(false).StartAsync(async context =>
        {
            var running = work();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(Redraw));
                context.UpdateTarget(state.Render());
            }

            return await running;
        });
    }
}
