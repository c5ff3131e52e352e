using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CryptoFunk.Agents.Gateway;

/// <summary>
/// The XXH64 hash (xxhash.com's specification), as <c>System.IO.Hashing.XxHash64.HashToUInt64</c> computes it; that
/// package cannot be restored here. Fast and well distributed, it keys the answer cache: the inputs are our own
/// prompts, not an adversary's, so a cryptographic hash would only cost time.
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime5 = 0x27D4EB2F165667C5UL;

    /// <summary>The 64-bit hash of <paramref name="data"/> with <paramref name="seed"/>.</summary>
    public static ulong HashToUInt64(ReadOnlySpan<byte> data, long seed = 0)
    {
        var s = unchecked((ulong)seed);
        var length = data.Length;
        ulong hash;
        if (length >= 32)
        {
            var v1 = unchecked(s + Prime1 + Prime2);
            var v2 = unchecked(s + Prime2);
            var v3 = s;
            var v4 = unchecked(s - Prime1);
            while (data.Length >= 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[8..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[24..]));
                data = data[32..];
            }

            hash = unchecked(BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18));
            hash = Merge(hash, v1);
            hash = Merge(hash, v2);
            hash = Merge(hash, v3);
            hash = Merge(hash, v4);
        }
        else
        {
            hash = unchecked(s + Prime5);
        }

        hash = unchecked(hash + (ulong)length);
        while (data.Length >= 8)
        {
            hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data));
            hash = unchecked((BitOperations.RotateLeft(hash, 27) * Prime1) + Prime4);
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            hash ^= unchecked(BinaryPrimitives.ReadUInt32LittleEndian(data) * Prime1);
            hash = unchecked((BitOperations.RotateLeft(hash, 23) * Prime2) + Prime3);
            data = data[4..];
        }

        foreach (var b in data)
        {
            hash ^= unchecked(b * Prime5);
            hash = unchecked(BitOperations.RotateLeft(hash, 11) * Prime1);
        }

        hash ^= hash >> 33;
        hash = unchecked(hash * Prime2);
        hash ^= hash >> 29;
        hash = unchecked(hash * Prime3);
        hash ^= hash >> 32;
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong accumulator, ulong input) =>
        unchecked(BitOperations.RotateLeft(accumulator + (input * Prime2), 31) * Prime1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Merge(ulong accumulator, ulong value) =>
        unchecked(((accumulator ^ Round(0, value)) * Prime1) + Prime4);
}
