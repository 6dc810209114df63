namespace Charla.Core.Routing;

/// <summary>
/// The bytes of one event per wire form, for the length of one broadcast: a handful of forms
/// exist, so four inline slots avoid a dictionary; a fifth form is encoded per recipient.
/// </summary>
internal struct WireFormCache(ChatEvent chatEvent)
{
    private WireFormat? _form0, _form1, _form2, _form3;
    private ReadOnlyMemory<byte> _bytes0, _bytes1, _bytes2, _bytes3;

    public ReadOnlyMemory<byte> For(WireFormat form)
    {
        if (ReferenceEquals(form, _form0)) return _bytes0;
        if (ReferenceEquals(form, _form1)) return _bytes1;
        if (ReferenceEquals(form, _form2)) return _bytes2;
        if (ReferenceEquals(form, _form3)) return _bytes3;

        var bytes = form.Encode(chatEvent);
        if (_form0 is null) { _form0 = form; _bytes0 = bytes; }
        else if (_form1 is null) { _form1 = form; _bytes1 = bytes; }
        else if (_form2 is null) { _form2 = form; _bytes2 = bytes; }
        else if (_form3 is null) { _form3 = form; _bytes3 = bytes; }
        return bytes;
    }
}
