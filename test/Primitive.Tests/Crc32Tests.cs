namespace RocketMQ.Go.Port.Tests;

public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Matches_the_standard_crc32_check_values(string text, uint expected)
        => Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(text)).Should().Be(expected);

    [Fact]
    public void Java_form_clears_the_top_bit()
    {
        // CRC-32 of "The quick brown fox..." is 0x414FA339 (top bit clear); "a" gives 0xE8B7BE43 -> 0x68B7BE43.
        Crc32.JavaCrc32("a"u8).Should().Be(0x68B7BE43);
    }

    [Fact]
    public void Slicing_and_bytewise_paths_agree_for_every_length()
    {
        var random = new Random(3);
        var data = new byte[100];
        random.NextBytes(data);
        for (var length = 0; length <= data.Length; length++)
        {
            var slice = data.AsSpan(0, length);
            Crc32.Compute(slice).Should().Be(BitwiseCrc(slice), $"length {length}");
        }
    }

    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
