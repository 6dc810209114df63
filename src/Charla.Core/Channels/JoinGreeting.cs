using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Core.Channels;

/// <summary>
/// What a joiner is told, queued under the channel's lock, so it sees exactly who is there and
/// comes before any later event of the channel: <paramref name="members"/> has the joiner last,
/// <paramref name="join"/> is the JOIN the others were sent. It MUST only enqueue.
/// </summary>
public delegate void JoinGreeting(Channel channel, IReadOnlyList<ClientSession> members, JoinEvent join);
