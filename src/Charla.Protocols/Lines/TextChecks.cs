using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Charla.Protocols.Lines;

/// <summary>The outcome of decoding a line of client text.</summary>
public enum TextStatus
{
    Ok,
    InvalidUtf8,
    ControlCharacter,
}

/// <summary>Checks and decodes client text: valid UTF-8, no control characters but tab.</summary>
public static class TextChecks
{
    /// <summary>Longest line decoded on the stack; longer ones (a raised limit) rent a buffer.</summary>
    private const int StackLimit = 1024;

    /// <summary>
    /// Decodes <paramref name="line"/> when it is valid UTF-8 without C0/C1 control characters
    /// or DEL (tab is allowed): such bytes would let one user redraw or beep another's terminal.
    /// </summary>
    public static TextStatus TryDecode(in ReadOnlySequence<byte> line, out string text)
    {
        text = string.Empty;
        if (line.IsSingleSegment)
        {
            return TryDecode(line.FirstSpan, out text);
        }

        var length = checked((int)line.Length);
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> copy = rented is null ? stackalloc byte[StackLimit] : rented;
            copy = copy[..length];
            line.CopyTo(copy);
            return TryDecode(copy, out text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static TextStatus TryDecode(ReadOnlySpan<byte> line, out string text)
    {
        text = string.Empty;
        if (!Utf8.IsValid(line))
        {
            return TextStatus.InvalidUtf8;
        }

        text = Encoding.UTF8.GetString(line);
        return HasControlCharacter(text) ? TextStatus.ControlCharacter : TextStatus.Ok;
    }

    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c != '\t')
            {
                return true;
            }
        }

        return false;
    }
}
