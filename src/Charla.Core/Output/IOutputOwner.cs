namespace Charla.Core.Output;

/// <summary>Who owns an <see cref="OutputQueue"/> (a session): told when its transport is gone.</summary>
/// <remarks>An interface rather than a delegate: a queue per connection should not cost a closure too.</remarks>
public interface IOutputOwner
{
    /// <summary>The writer reported its transport gone; nothing more will be written. MUST NOT block.</summary>
    void OnWriterGone();
}
