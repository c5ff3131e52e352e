using System.Text;
using CryptoFunk.Agents.Gateway;

namespace CryptoFunk.Tests.Gateway;

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

    [Test]
    public void The_seed_changes_the_hash()
    {
        var data = Encoding.UTF8.GetBytes("BTC/USDT");
        Assert.That(XxHash64.HashToUInt64(data, 1), Is.Not.EqualTo(XxHash64.HashToUInt64(data, 0)));
    }
}
