using CryptoFunk.Host;

namespace CryptoFunk.Tests.Host;

public sealed class CommandLineSettingsTests
{
    [Test]
    public void Db_and_llm_mode_become_configuration_in_both_spellings()
    {
        var settings = CommandLineSettings.From(["backtest", "--db=Data Source=x.db", "--symbol", "BTC/USDT", "--llm-mode", "replay"]);

        Assert.That(settings, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = "Data Source=x.db",
            ["Llm:Mode"] = "replay",
        }));
    }

    [Test]
    public void Other_options_and_a_trailing_flag_without_value_are_ignored()
    {
        Assert.That(CommandLineSettings.From(["backtest", "--data", "f.csv", "--db"]), Is.Empty);
    }
}
