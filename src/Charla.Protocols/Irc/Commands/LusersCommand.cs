using System.Globalization;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>LUSERS: 251, 252, 253 (when connections are still registering), 254, 255, 265, 266.</summary>
public sealed class LusersCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message) => Send(context);

    public static void Send(IrcContext context)
    {
        var (engine, session) = (context.Engine, context.Session);
        var users = engine.SessionCount.ToString(CultureInfo.InvariantCulture);
        var peak = Math.Max(engine.PeakSessionCount, engine.SessionCount).ToString(CultureInfo.InvariantCulture);
        var invisible = engine.InvisibleCount;
        var visible = (engine.SessionCount - invisible).ToString(CultureInfo.InvariantCulture);
        session.Numeric(Numerics.RplLUserClient, $"There are {visible} users and {invisible.ToString(CultureInfo.InvariantCulture)} invisible on 1 servers");
        session.Numeric(Numerics.RplLUserOp, engine.OperatorCount.ToString(CultureInfo.InvariantCulture), "operator(s) online");

        var registering = engine.ConnectionCount - engine.SessionCount;
        if (registering > 0)
        {
            session.Numeric(Numerics.RplLUserUnknown, registering.ToString(CultureInfo.InvariantCulture), "unknown connection(s)");
        }

        session.Numeric(Numerics.RplLUserChannels, engine.ChannelCount.ToString(CultureInfo.InvariantCulture), "channels formed");
        session.Numeric(Numerics.RplLUserMe, $"I have {users} clients and 0 servers");
        session.Numeric(Numerics.RplLocalUsers, users, peak, $"Current local users {users}, max {peak}");
        session.Numeric(Numerics.RplGlobalUsers, users, peak, $"Current global users {users}, max {peak}");
    }
}
