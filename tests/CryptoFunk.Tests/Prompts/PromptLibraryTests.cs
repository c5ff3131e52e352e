using System.Diagnostics;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Tests.Prompts;

public sealed class PromptLibraryTests
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(5);

    private TempDirectory _dir = null!;
    private ListLogger<PromptLibrary> _log = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _log = new ListLogger<PromptLibrary>();
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static string Prompt(string name, string text = "Hello {{$who}}.") => $"""
        name: {name}
        description: Says hello.
        template: |
          <message role="system">{text}</message>
          <message role="user">go</message>
        input_variables:
          - name: who
            default: world
        """;

    private string Write(string file, string content)
    {
        var path = _dir.File(file);
        File.WriteAllText(path, content);
        return path;
    }

    private PromptLibrary Open(bool watch = true) => new(_dir.Path, watch, _log);

    private static async Task<string> SystemText(LoadedPrompt prompt) =>
        (await prompt.RenderAsync(null, CancellationToken.None))[0].Text;

    private static T Poll<T>(Func<T> read, Func<T, bool> done)
    {
        var watch = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && watch.Elapsed < PollLimit)
        {
            Thread.Sleep(20);
            value = read();
        }

        return value;
    }

    [Test]
    public void Loads_yaml_and_yml_files_keyed_by_name_with_content_versions()
    {
        var a = Write("a.yaml", Prompt("alpha"));
        Write("b.yml", Prompt("beta"));
        Write("notes.txt", "not a prompt");
        using var library = Open();

        var alpha = library.Get("alpha");

        Assert.Multiple(() =>
        {
            Assert.That(library.Prompts.Select(p => p.Name), Is.EqualTo(new List<string> { "alpha", "beta" }));
            Assert.That(alpha.FilePath, Is.EqualTo(a));
            Assert.That(alpha.Version, Is.EqualTo(PromptVersion.Compute(File.ReadAllBytes(a))));
            Assert.That(alpha.Version, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(library.Get("ALPHA"), Is.SameAs(alpha));
            Assert.That(library.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task An_edit_is_used_from_the_next_call_without_restart()
    {
        Write("a.yaml", Prompt("alpha", "Version one {{$who}}."));
        using var library = Open();
        var first = library.Get("alpha");

        Write("a.yaml", Prompt("alpha", "Version two, longer {{$who}}."));
        var second = library.Get("alpha");

        Assert.That(second.Version, Is.Not.EqualTo(first.Version));
        Assert.That(await SystemText(second), Is.EqualTo("Version two, longer world."));
        Assert.That(await SystemText(first), Is.EqualTo("Version one world."), "a version already handed out is unchanged");
    }

    [Test]
    public async Task An_edit_of_the_same_size_is_seen_within_moments()
    {
        Write("a.yaml", Prompt("alpha", "AAAA {{$who}}"));
        using var library = Open();
        var first = library.Get("alpha");

        Write("a.yaml", Prompt("alpha", "BBBB {{$who}}"));
        var second = Poll(() => library.Get("alpha"), p => p.Version != first.Version);

        Assert.That(second.Version, Is.Not.EqualTo(first.Version));
        Assert.That(await SystemText(second), Is.EqualTo("BBBB world"));
    }

    [TestCase("name: alpha\ntemplate: x\ncolour: red\n", 3, "unknown key 'colour'")]
    [TestCase("name: alpha\ntemplate: [unclosed\n", 3, "invalid YAML")]
    [TestCase("name: alpha\ntemplate: |\n  line one\n  {{$undeclared}}\n", 4, "{{$undeclared}} is not declared")]
    [TestCase("template: no name\n", 1, "has no name")]
    public async Task A_broken_edit_is_refused_with_file_and_line_and_the_last_good_version_stays(string broken, int line, string reason)
    {
        var path = Write("a.yaml", Prompt("alpha"));
        using var library = Open();
        var good = library.Get("alpha");

        Write("a.yaml", broken);
        var errors = Poll(() => library.Errors, e => e.Count > 0);
        var current = library.Get("alpha");

        Assert.Multiple(() =>
        {
            Assert.That(current.Version, Is.EqualTo(good.Version));
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors[0].FilePath, Is.EqualTo(path));
            Assert.That(errors[0].Line, Is.EqualTo(line));
            Assert.That(errors[0].Reason, Does.Contain(reason));
            Assert.That(errors[0].ToString(), Does.StartWith($"{path}:{line}: "));
            Assert.That(_log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message),
                Has.Some.Contains($"{path}:{line}:").And.Some.Contains($"still using version {good.Version}"));
        });
        Assert.That(await SystemText(current), Is.EqualTo("Hello world."));

        Write("a.yaml", Prompt("alpha", "Fixed {{$who}}."));
        var fixedPrompt = Poll(() => library.Get("alpha"), p => p.Version != good.Version);
        Assert.That(await SystemText(fixedPrompt), Is.EqualTo("Fixed world."));
        Assert.That(library.Errors, Is.Empty);
    }

    [Test]
    public void A_prompt_that_never_loaded_is_an_error_naming_its_file()
    {
        var path = Write("alpha.yaml", "name: alpha\ntemplate: x\nexecution_settings:\n  default:\n    temprature: 1\n");
        using var library = Open();

        var error = Assert.Throws<PromptUnavailableException>(() => library.Get("alpha"))!;

        Assert.That(error.Message, Does.Contain($"{path}:5: unknown key 'temprature'"));
        Assert.That(error.Errors.Single().FilePath, Is.EqualTo(path));
    }

    [Test]
    public void A_file_with_broken_yaml_is_named_when_its_stem_is_asked_for()
    {
        var path = Write("alpha.yaml", "name: [alpha\n");
        using var library = Open();

        var error = Assert.Throws<PromptUnavailableException>(() => library.Get("alpha"))!;

        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void An_unknown_name_lists_the_available_prompts()
    {
        Write("a.yaml", Prompt("alpha"));
        using var library = Open();

        var error = Assert.Throws<PromptUnavailableException>(() => library.Get("gamma"))!;

        Assert.That(error.Message, Does.Contain("no prompt named 'gamma'").And.Contain("available: alpha"));
        Assert.That(error.Errors, Is.Empty);
    }

    [Test]
    public void Duplicate_names_in_two_new_files_are_an_error_naming_both()
    {
        var a = Write("a.yaml", Prompt("alpha"));
        var b = Write("b.yaml", Prompt("alpha", "Other {{$who}}"));
        using var library = Open();

        var error = Assert.Throws<PromptUnavailableException>(() => library.Get("alpha"))!;

        Assert.That(error.Message, Does.Contain(a).And.Contain(b).And.Contain("duplicate prompt name 'alpha'"));
        Assert.That(library.Errors.Select(e => e.FilePath), Is.EquivalentTo(new List<string> { a, b }));
        Assert.That(library.Errors.Select(e => e.Line), Is.All.EqualTo(1));
    }

    [Test]
    public void A_newcomer_cannot_take_over_a_name_in_use()
    {
        var a = Write("a.yaml", Prompt("alpha"));
        using var library = Open();
        var original = library.Get("alpha");

        var b = Write("b.yaml", Prompt("alpha", "Usurper {{$who}}"));
        var errors = Poll(() => library.Errors, e => e.Count > 0);

        Assert.That(library.Get("alpha").FilePath, Is.EqualTo(a));
        Assert.That(library.Get("alpha").Version, Is.EqualTo(original.Version));
        Assert.That(errors.Single().FilePath, Is.EqualTo(b));
        Assert.That(errors.Single().Reason, Does.Contain($"already defined in {a}"));
    }

    [Test]
    public void A_new_file_is_found_and_a_deleted_one_disappears()
    {
        Write("a.yaml", Prompt("alpha"));
        using var library = Open();
        Assert.That(library.Get("alpha"), Is.Not.Null);

        Write("b.yaml", Prompt("beta"));
        Assert.That(library.Get("beta").Name, Is.EqualTo("beta"));

        File.Delete(_dir.File("a.yaml"));
        Poll(() => library.Prompts, p => p.Count == 1);
        Assert.Throws<PromptUnavailableException>(() => library.Get("alpha"));
    }

    [Test]
    public void A_missing_directory_is_reported()
    {
        using var library = new PromptLibrary(_dir.File("absent"), watch: true, NullLogger<PromptLibrary>.Instance);

        var error = Assert.Throws<PromptUnavailableException>(() => library.Get("alpha"))!;

        Assert.That(error.Message, Does.Contain("the prompt directory does not exist"));
        Assert.That(library.Errors.Single().Reason, Is.EqualTo("the prompt directory does not exist"));
    }

    [Test]
    public void Without_watching_edits_wait_for_an_explicit_refresh()
    {
        Write("a.yaml", Prompt("alpha", "One {{$who}}"));
        using var library = Open(watch: false);
        var first = library.Get("alpha");

        Write("a.yaml", Prompt("alpha", "Two, longer {{$who}}"));
        Assert.That(library.Get("alpha").Version, Is.EqualTo(first.Version));

        library.Refresh();
        Assert.That(library.Get("alpha").Version, Is.Not.EqualTo(first.Version));
    }

    [Test]
    public async Task Parallel_callers_always_get_a_complete_version_while_the_file_changes()
    {
        Write("a.yaml", Prompt("alpha", "Stable {{$who}}."));
        using var library = Open();
        var versions = new HashSet<string> { library.Get("alpha").Version };
        using var stop = new CancellationTokenSource();

        var writer = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                var text = i % 2 == 0 ? "Edited {{$who}} edition." : "Stable {{$who}}.";
                File.WriteAllText(_dir.File("a.yaml"), Prompt("alpha", text));
                lock (versions)
                {
                    versions.Add(PromptVersion.Compute(File.ReadAllBytes(_dir.File("a.yaml"))));
                }

                Thread.Sleep(5);
            }

            stop.Cancel();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var seen = new List<(string Version, string Text)>();
            while (!stop.IsCancellationRequested)
            {
                var prompt = library.Get("alpha");
                seen.Add((prompt.Version, (await prompt.RenderAsync(new KernelArguments { ["who"] = "x" }, CancellationToken.None))[0].Text));
            }

            return seen;
        })).ToList();

        await writer;
        var results = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();

        Assert.That(results, Is.Not.Empty);
        Assert.That(results.Select(r => r.Text).Distinct(), Is.SubsetOf(new List<string> { "Stable x.", "Edited x edition." }));
        Assert.That(results.Select(r => r.Version).Distinct(), Is.SubsetOf(versions));
        Assert.That(library.Get("alpha").Version, Is.EqualTo(PromptVersion.Compute(File.ReadAllBytes(_dir.File("a.yaml")))));
    }

    [Test]
    public void Dispose_stops_the_library()
    {
        Write("a.yaml", Prompt("alpha"));
        var library = Open();
        library.Get("alpha");

        library.Dispose();

        Assert.Throws<ObjectDisposedException>(() => library.Get("alpha"));
    }

    [Test]
    public void Is_registered_for_dependency_injection_with_options()
    {
        Write("a.yaml", Prompt("alpha"));
        var services = new ServiceCollection().AddLogging().AddPromptLibrary(o => o.Directory = _dir.Path);
        using var provider = services.BuildServiceProvider();

        var library = provider.GetRequiredService<IPromptLibrary>();

        Assert.That(library, Is.SameAs(provider.GetRequiredService<PromptLibrary>()));
        Assert.That(library.Directory, Is.EqualTo(_dir.Path));
        Assert.That(library.Get("alpha").Name, Is.EqualTo("alpha"));
    }

    [Test]
    public void The_default_directory_falls_back_to_the_repository_prompts()
    {
        var resolved = PromptDirectory.Resolve("prompts");

        Assert.That(Directory.Exists(resolved), Is.True, resolved);
        Assert.That(File.Exists(Path.Combine(resolved, "technical_analysis.yaml")), Is.True, resolved);
    }

    [Test]
    public async Task The_loaded_prompt_gives_chat_options_for_a_service()
    {
        Write("a.yaml", Prompt("alpha") + "\nexecution_settings:\n  default:\n    max_tokens: 100\n  fast:\n    max_tokens: 10\n");
        using var library = Open();

        var prompt = library.Get("alpha");

        Assert.That(prompt.CreateChatOptions()!.MaxOutputTokens, Is.EqualTo(100));
        Assert.That(prompt.CreateChatOptions("fast")!.MaxOutputTokens, Is.EqualTo(10));
        Assert.That((await prompt.RenderAsync(null, CancellationToken.None))[0].Role, Is.EqualTo(ChatRole.System));
    }
}
