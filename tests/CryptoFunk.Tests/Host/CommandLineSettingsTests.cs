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

    [Test]
    public void Cluster_is_configuration_for_every_command_and_silo_ports_only_for_silo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CommandLineSettings.From(["silo", "--cluster=Host=h;Password=p", "--port", "11112", "--gateway-port", "30001"]), Is.EquivalentTo(new Dictionary<string, string?>
            {
                ["Cluster:ConnectionString"] = "Host=h;Password=p",
                ["Cluster:SiloPort"] = "11112",
                ["Cluster:GatewayPort"] = "30001",
            }));
            Assert.That(CommandLineSettings.From(["cluster", "status", "--cluster", "h:6379", "--port", "1"]), Is.EquivalentTo(new Dictionary<string, string?>
            {
                ["Cluster:ConnectionString"] = "h:6379",
            }));
        });
    }
}
