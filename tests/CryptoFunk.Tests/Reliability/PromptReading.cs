using System.Globalization;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Tests.Fakes;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Every request a fake model received, read for plants the way the prompts' rules promise them: in what the model
/// reads (system, user and tool messages; its own earlier answers aside) a plant appears only inside a quote, no
/// invisible character appears raw, and no quote holds more than <see cref="QuotedText.MaxLength"/> characters. Each
/// quoted plant is counted by the channel it came through, known from what code wrote around the quote.
/// </summary>
internal sealed class PromptReading
{
    private readonly Dictionary<(PlantChannel, string), int> _quoted = [];
    private readonly List<string> _violations = [];

    private PromptReading()
    {
    }

    /// <summary>Quoted plants by channel and plant name.</summary>
    public IReadOnlyDictionary<(PlantChannel Channel, string Plant), int> Quoted => _quoted;

    /// <summary>Every breach, one line each: a plant outside quotes, a raw invisible character, a quote too long.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Reads <paramref name="requests"/>.</summary>
    public static PromptReading Of(IEnumerable<RecordedRequest> requests)
    {
        var reading = new PromptReading();
        foreach (var request in requests.Select(AgentRequest.Of))
        {
            foreach (var (role, text) in request.Messages.Where(m => m.Role != "assistant"))
            {
                reading.Read($"{request.Agent} {request.DecisionTime:yyyy-MM-ddTHH}Z {role}", role, text);
            }
        }

        return reading;
    }

    private void Read(string where, string role, string text)
    {
        if (text.FirstOrDefault(IsHidden) is var hidden and not '\0')
        {
            _violations.Add($"{where}: raw invisible character U+{(int)hidden:X4}");
        }

        var regions = QuotedRegions.Of(text);
        foreach (var plant in PlantedText.All.Where(p => regions.Outside.Contains(p.Mark, StringComparison.Ordinal)))
        {
            _violations.Add($"{where}: {plant.Name} outside quotes");
        }

        if (regions.Outside.Contains(PlantedText.Demand, StringComparison.OrdinalIgnoreCase))
        {
            _violations.Add($"{where}: \"{PlantedText.Demand}\" outside quotes");
        }

        foreach (var region in regions.Regions)
        {
            if (region.Decoded.Length > QuotedText.MaxLength)
            {
                _violations.Add($"{where}: a quote of {region.Decoded.Length} characters");
            }

            foreach (var plant in PlantedText.All.Where(p => region.Decoded.Contains(p.Mark, StringComparison.Ordinal)))
            {
                if (ChannelOf(role, text, regions.Masked, region.Start) is { } channel)
                {
                    _quoted[(channel, plant.Name)] = _quoted.GetValueOrDefault((channel, plant.Name)) + 1;
                }
                else
                {
                    _violations.Add($"{where}: {plant.Name} quoted where no channel puts it");
                }
            }
        }
    }

    /// <summary>The channel of a quote at <paramref name="start"/>, from the heading and label code wrote before it.</summary>
    private static PlantChannel? ChannelOf(string role, string text, string masked, int start)
    {
        if (role == "tool")
        {
            return PlantChannel.ToolResult;
        }

        if (text.StartsWith("Your answer was not accepted: ", StringComparison.Ordinal))
        {
            return PlantChannel.Repair;
        }

        var before = masked[..start].TrimEnd();
        var headingAt = before.LastIndexOf("\n## ", StringComparison.Ordinal);
        var heading = headingAt < 0 ? string.Empty : before[(headingAt + 4)..].Split('\n')[0];
        bool Label(string label) => before.EndsWith(label, StringComparison.Ordinal);
        return heading switch
        {
            "Analysis Agents" when Label("Reasoning:") => PlantChannel.AnalystReasoning,
            "Analysis Agents" when Label("Key factors:") => PlantChannel.KeyFactors,
            "Analysis Agents" when Label("Not voting:") => PlantChannel.NotVoting,
            "Proposed Trade" when Label("Reasoning:") => PlantChannel.ProposalReasoning,
            "Similar Past Decisions" when Label("Reasoning:") => PlantChannel.Memory,
            _ => null,
        };
    }

    private static bool IsHidden(char c) => c is not ('\n' or '\r' or '\t') && char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
