namespace Charla.Protocols.Irc;

/// <summary>
/// The IRC wire forms of one server, one per combination of <see cref="IrcFeatures"/>, made on
/// first use (most servers see a handful of combinations) and shared by every client with that
/// combination: fan-out encodes once per form in use.
/// </summary>
public sealed class IrcWireFormats(string serverName)
{
    private readonly IrcWireFormat?[] _forms = new IrcWireFormat?[(int)IrcFeatures.All + 1];

    /// <summary>The form with no capabilities: plain RFC 1459 lines.</summary>
    public IrcWireFormat Plain => For(IrcFeatures.None);

    public IrcWireFormat For(IrcFeatures features)
    {
        var index = (int)(features & IrcFeatures.All);
        var form = Volatile.Read(ref _forms[index]);
        if (form is null)
        {
            var made = new IrcWireFormat(serverName, (IrcFeatures)index);
            form = Interlocked.CompareExchange(ref _forms[index], made, null) ?? made;
        }

        return form;
    }
}
