namespace Charla.Protocols.Irc.Messages;

/// <summary>
/// A parsed client message, <c>[@tags] [:source] COMMAND params...</c>, as positions in the
/// line's text: parsing allocates nothing. A parameter becomes a string when a handler asks for
/// it (once), the tags a dictionary when someone reads them.
/// </summary>
/// <remarks>
/// One instance is reused for every line a thread parses (<see cref="IrcParser.ParseReused"/>):
/// it is valid only while that line is handled, and nothing may keep it.
/// </remarks>
public sealed class IrcMessage
{
    public static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    private readonly int[] _starts = new int[IrcLimits.MaxParams];
    private readonly int[] _lengths = new int[IrcLimits.MaxParams];
    private readonly string?[] _strings = new string?[IrcLimits.MaxParams];
    private char[] _text = [];
    private int _commandStart;
    private int _commandLength;
    private int _tagsStart;
    private int _tagsLength = -1;
    private string? _command;
    private IReadOnlyDictionary<string, string>? _tags;

    /// <summary>The command, upper-cased: <c>PRIVMSG</c>, or three digits.</summary>
    public string Command
    {
        get => _command ??= CommandSpan.ToString().ToUpperInvariant();
        internal set => _command = value;
    }

    /// <summary>The command as sent (any case), without allocating.</summary>
    public ReadOnlySpan<char> CommandSpan => _text.AsSpan(_commandStart, _commandLength);

    /// <summary>How many parameters: middle ones then the trailing one.</summary>
    public int Count { get; private set; }

    /// <summary>The parameter at <paramref name="index"/> (the trailing one without its colon).</summary>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _strings[index] ??= new string(_text, _starts[index], _lengths[index]);
        }
    }

    /// <summary>Every parameter, as strings.</summary>
    public IReadOnlyList<string> Params
    {
        get
        {
            var all = new string[Count];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = this[i];
            }

            return all;
        }
    }

    /// <summary>The client's message tags, unescaped; empty when none were sent.</summary>
    public IReadOnlyDictionary<string, string> Tags =>
        _tags ??= _tagsLength < 0 ? NoTags : IrcParser.ParseTags(_text.AsSpan(_tagsStart, _tagsLength));

    /// <summary>Starts a new line on <paramref name="text"/>: no command, no parameters, no tags.</summary>
    internal void Reset(char[] text)
    {
        _text = text;
        _command = null;
        _tags = null;
        _tagsLength = -1;
        _commandLength = 0;
        Array.Clear(_strings, 0, Count);
        Count = 0;
    }

    internal void SetTags(int start, int length) => (_tagsStart, _tagsLength) = (start, length);

    internal void SetCommand(int start, int length) => (_commandStart, _commandLength) = (start, length);

    internal void AddParam(int start, int length)
    {
        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }
}
