namespace Charla.Core.Routing;

/// <summary>
/// One distinct way of writing core events on the wire (plain mode; later IRC with and without
/// tags). Routing encodes an event once per wire form and queues the same bytes to every
/// recipient of that form, so an instance stands for a form: share it between sessions.
/// </summary>
public abstract class WireFormat
{
    /// <summary>
    /// The complete line(s) for <paramref name="chatEvent"/>, or empty when this form shows
    /// nothing for it. The result is shared by all recipients and must never be written to.
    /// </summary>
    public abstract ReadOnlyMemory<byte> Encode(ChatEvent chatEvent);
}
