using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents;

/// <summary>
/// Binding where a list given in configuration replaces the options class's default list. The configuration binder
/// appends to a list that already has items, so <c>Trading:AnalysisAgents ["technical_analysis"]</c> would otherwise
/// become the three defaults plus a duplicate.
/// </summary>
public static class OptionsBuilderExtensions
{
    /// <summary>Binds <paramref name="section"/>, then sets every list the section names (at any depth) to exactly its configured items.</summary>
    public static OptionsBuilder<TOptions> BindReplacingLists<TOptions>(this OptionsBuilder<TOptions> builder, IConfigurationSection section)
        where TOptions : class =>
        builder.Bind(section).PostConfigure(options => ReplaceLists(options, section));

    private static void ReplaceLists(object options, IConfigurationSection section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = section.GetSection(property.Name);
            if (!property.CanRead || !child.GetChildren().Any())
            {
                continue;
            }

            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                if (property.CanWrite && !typeof(IDictionary).IsAssignableFrom(property.PropertyType))
                {
                    property.SetValue(options, child.Get(property.PropertyType));
                }
            }
            else if (property.PropertyType.IsClass && property.GetValue(options) is { } nested)
            {
                ReplaceLists(nested, child);
            }
        }
    }
}
