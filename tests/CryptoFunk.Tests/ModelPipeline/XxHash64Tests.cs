using System.IO.Hashing;
using System.Text;

namespace CryptoFunk.Tests.ModelPipeline;

/// <summary>
/// Cache keys were made with our own XXH64 before System.IO.Hashing was available; these are the reference values it
/// was checked against, so the library is proven to be the same algorithm and existing keys stay valid.
/// </summary>
public sealed class XxHash64Tests
{
    // Reference values from Debian's xxhsum (xxhsum -H1), the tool of the algorithm's authors.
    [TestCase("", 0xef46db3751d8e999UL)]
    [TestCase("a", 0xd24ec4f1a98c6e5bUL)]
    [TestCase("abc", 0x44bc2cf5ad770999UL)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x0b242d361fda71bcUL)]
    public void Matches_the_reference_implementation(string text, ulong expected)
    {
        Assert.That(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text)), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_the_reference_on_inputs_longer_than_one_stripe()
    {
        Assert.That(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(new string('x', 100))), Is.EqualTo(0x92f0de5a88a3c094UL));
        Assert.That(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("CryptoFunk", 7)))), Is.EqualTo(0x5b0fe3613193d4a5UL));
    }
}
