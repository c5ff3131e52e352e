using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>Refuses <c>Llm</c> pipeline options that cannot work, naming each key.</summary>
public sealed class ModelPipelineOptionsValidator : IValidateOptions<ModelPipelineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelPipelineOptions options)
    {
        var errors = options.Budget.Errors().Concat(options.Cache.Errors()).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
