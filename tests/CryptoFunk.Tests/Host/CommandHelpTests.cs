using CryptoFunk.Host;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

/// <summary>Every command's <c>--help</c> ends its description with an example command line of that command.</summary>
public sealed class CommandHelpTests
{
    [TestCase("agent run")]
    [TestCase("backtest")]
    [TestCase("cluster status")]
    [TestCase("config show")]
    [TestCase("data download")]
    [TestCase("decisions")]
    [TestCase("explain")]
    [TestCase("export dataset")]
    [TestCase("indicators")]
    [TestCase("mcp serve")]
    [TestCase("paper")]
    [TestCase("prompts list")]
    [TestCase("prompts show")]
    [TestCase("prompts validate")]
    [TestCase("report")]
    [TestCase("runs")]
    [TestCase("silo")]
    [TestCase("sweep")]
    [TestCase("telemetry")]
    [TestCase("traces")]
    [TestCase("trades")]
    public async Task Help_shows_an_example(string path)
    {
        using var output = new StringWriter();
        var code = await CryptoFunkApp.RunAsync([.. path.Split(' '), "--help"], output, TextWriter.Null, c => c.AddInMemoryCollection([]), CancellationToken.None);

        Assert.That(code, Is.Zero);
        Assert.That(output.ToString(), Does.Contain($"Example: cryptofunk {path}"));
    }
}
