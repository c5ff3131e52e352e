using CryptoFunk.Agents.Prompts;
using CryptoFunk.Host;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Prompts;

public sealed class PromptsCommandsTests
{
    private const string Good = """
        name: alpha
        description: The first prompt.
        template: |
          <message role="system">Be brief.</message>
          <message role="user">{{$question}} {{$style}}</message>
        input_variables:
          - name: question
          - name: style
            default: plain
            is_required: false
        execution_settings:
          default:
            temperature: 0.2
            max_tokens: 300
            response_format: json_object
          fast:
            model_id: small-model
        """;

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static async Task<(int Code, string Output, string Error)> Run(Action<IConfigurationBuilder>? configure, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CryptoFunkApp.RunAsync(args, output, error, configure, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => Run(null, args);

    private string Write(string file, string content)
    {
        File.WriteAllText(_dir.File(file), content);
        return _dir.File(file);
    }

    [Test]
    public async Task List_prints_a_table_of_the_prompts()
    {
        var path = Write("alpha.yaml", Good);
        Write("beta.yml", Good.Replace("name: alpha", "name: beta", StringComparison.Ordinal));
        var version = PromptVersion.Compute(File.ReadAllBytes(path));

        var (code, output, error) = await Run("prompts", "list", "--dir", _dir.Path);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(lines[0], Does.StartWith("NAME").And.Contain("DESCRIPTION").And.Contain("VERSION").And.Contain("FILE").And.Contain("INPUT VARIABLES"));
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[1], Does.StartWith("alpha ").And.Contain("The first prompt.").And.Contain(version).And.Contain(path).And.EndWith("question, [style]"));
            Assert.That(lines[2], Does.StartWith("beta "));
            Assert.That(error, Is.Empty);
        });
    }

    [Test]
    public async Task List_reports_broken_files_on_the_error_output()
    {
        Write("alpha.yaml", Good);
        var broken = Write("broken.yaml", "name: broken\ntemplate: x\nextra: 1\n");

        var (code, output, error) = await Run("prompts", "list", "--dir", _dir.Path);

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("alpha").And.Not.Contain("broken"));
        Assert.That(error, Does.Contain($"{broken}:3: unknown key 'extra'"));
    }

    [Test]
    public async Task Show_prints_config_version_settings_and_template()
    {
        var path = Write("alpha.yaml", Good);

        var (code, output, error) = await Run("prompts", "show", "alpha", "--dir", _dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("name: alpha\n"));
            Assert.That(output, Does.Contain($"version: {PromptVersion.Compute(File.ReadAllBytes(path))}\n"));
            Assert.That(output, Does.Contain($"file: {path}\n"));
            Assert.That(output, Does.Contain("template_format: semantic-kernel"));
            Assert.That(output, Does.Contain("question (required)").And.Contain("style (optional, default \"plain\")"));
            Assert.That(output, Does.Contain("  default:\n    temperature: 0.2\n    max_tokens: 300\n    response_format: json_object"));
            Assert.That(output, Does.Contain("-> ChatOptions: Temperature=0.2, MaxOutputTokens=300, ResponseFormat=Json"));
            Assert.That(output, Does.Contain("  fast:\n    model_id: small-model"));
            Assert.That(output, Does.Contain("template:\n<message role=\"system\">Be brief.</message>\n<message role=\"user\">{{$question}} {{$style}}</message>"));
        });
    }

    [Test]
    public async Task Show_fails_for_an_unknown_or_broken_prompt()
    {
        var broken = Write("broken.yaml", "name: broken\ntemplate: |\n  {{$nope}}\n");

        var unknown = await Run("prompts", "show", "missing", "--dir", _dir.Path);
        var invalid = await Run("prompts", "show", "broken", "--dir", _dir.Path);

        Assert.That(unknown.Code, Is.EqualTo(1));
        Assert.That(unknown.Error, Does.Contain("no prompt named 'missing'"));
        Assert.That(invalid.Code, Is.EqualTo(1));
        Assert.That(invalid.Error, Does.Contain($"{broken}:3: {{{{$nope}}}} is not declared"));
    }

    [Test]
    public async Task Validate_passes_when_every_file_is_valid()
    {
        Write("alpha.yaml", Good);

        var (code, output, _) = await Run("prompts", "validate", "--dir", _dir.Path);

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("1 valid, 0 invalid"));
    }

    [Test]
    public async Task Validate_prints_each_problem_as_file_line_reason_and_exits_2()
    {
        Write("alpha.yaml", Good);
        var unknownKey = Write("b.yaml", "name: b\ntemplate: x\nexecution_settings:\n  default:\n    temprature: 0.5\n");
        var badYaml = Write("c.yaml", "name: c\ntemplate: [x\n");
        var badTemplate = Write("d.yaml", "name: d\ntemplate: |\n  <message role=\"user\">ok</message>\n  <message role=\"user\">{{ Plugin.Call }}</message>\n");

        var (code, output, _) = await Run("prompts", "validate", "--dir", _dir.Path);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Has.Some.StartWith($"{unknownKey}:5: unknown key 'temprature'"));
            Assert.That(lines, Has.Some.StartWith($"{badYaml}:3: invalid YAML"));
            Assert.That(lines, Has.Some.StartWith($"{badTemplate}:4: '{{{{ Plugin.Call }}}}' is a function call"));
            Assert.That(output, Does.Contain("1 valid, 3 invalid"));
        });
    }

    [Test]
    public async Task Validate_fails_for_a_missing_directory()
    {
        var (code, output, _) = await Run("prompts", "validate", "--dir", _dir.File("absent"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("the prompt directory does not exist"));
    }

    [Test]
    public async Task The_configured_directory_is_used_without_dir()
    {
        Write("alpha.yaml", Good);

        var (code, output, _) = await Run(
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Prompts:Directory"] = _dir.Path }),
            "prompts", "list");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("alpha"));
    }

    [Test]
    public async Task The_repository_prompts_validate()
    {
        var (code, output, _) = await Run("prompts", "validate", "--dir", Path.Combine(SharedFiles.RepositoryRoot, "prompts"));

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("technical_analysis"));
    }
}
