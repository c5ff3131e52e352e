namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// One piece of a <c>semantic-kernel</c> template, as SK's tokenizer splits it: static text, a <c>{{$variable}}</c>,
/// or a <c>{{'value'}}</c> literal. <see cref="Offset"/> is where the piece starts, for error positions.
/// </summary>
internal abstract record TemplateBlock(int Offset);

/// <summary>Static template text, inserted as written.</summary>
internal sealed record TextBlock(int Offset, string Text) : TemplateBlock(Offset);

/// <summary><c>{{$name}}</c>: the value of an input variable.</summary>
internal sealed record VarBlock(int Offset, string Name) : TemplateBlock(Offset);

/// <summary><c>{{'text'}}</c> or <c>{{"text"}}</c>: literal text written by the template's author (e.g. to print <c>{{</c>).</summary>
internal sealed record ValBlock(int Offset, string Value) : TemplateBlock(Offset);
