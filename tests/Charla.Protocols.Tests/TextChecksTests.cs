using Charla.Protocols.Tests.Support;
using Charla.Protocols.Lines;

namespace Charla.Protocols.Tests;

public sealed class TextChecksTests
{
    [Theory]
    [InlineData(new byte[] { 0x68, 0x69 }, TextStatus.Ok)]
    [InlineData(new byte[] { 0xC3, 0xA9, 0x09, 0x61 }, TextStatus.Ok)] // é, tab, a
    [InlineData(new byte[] { 0xFF, 0xFE }, TextStatus.InvalidUtf8)]
    [InlineData(new byte[] { 0xC3 }, TextStatus.InvalidUtf8)] // truncated sequence
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, TextStatus.InvalidUtf8)] // UTF-16 surrogate
    [InlineData(new byte[] { 0x61, 0x07 }, TextStatus.ControlCharacter)] // BEL
    [InlineData(new byte[] { 0x00 }, TextStatus.ControlCharacter)] // NUL
    [InlineData(new byte[] { 0x1B, 0x5B, 0x32, 0x4A }, TextStatus.ControlCharacter)] // ESC [2J
    [InlineData(new byte[] { 0x7F }, TextStatus.ControlCharacter)] // DEL
    [InlineData(new byte[] { 0xC2, 0x9B }, TextStatus.ControlCharacter)] // C1 CSI
    public void Text_is_valid_utf8_without_control_characters_but_tab(byte[] bytes, TextStatus expected)
    {
        Assert.Equal(expected, TextChecks.TryDecode(Segments.Of(bytes), out _));
    }

    [Fact]
    public void A_character_split_across_segments_decodes_whole()
    {
        var euro = "€uro"u8.ToArray();
        foreach (var buffer in Segments.AllSplits(euro))
        {
            Assert.Equal(TextStatus.Ok, TextChecks.TryDecode(buffer, out var text));
            Assert.Equal("€uro", text);
        }
    }
}
