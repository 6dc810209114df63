using Charla.Core.Nicknames;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Core.Tests.Support;

namespace Charla.Core.Tests;

public sealed class ChatEngineTests
{
    private readonly EngineOptions _options = new();
    private readonly ChatEngine _engine;

    public ChatEngineTests() => _engine = new ChatEngine(_options, TimeProvider.System);

    private RecordingSession Connect()
    {
        var session = new RecordingSession(_options);
        Assert.True(_engine.Attach(session));
        _engine.Join(session, _engine.LobbyName);
        return session;
    }

    [Fact]
    public void New_sessions_get_distinct_guest_nicks_and_the_lobby_hears_of_each_join()
    {
        var first = Connect();
        var second = Connect();

        Assert.Equal("Guest1", first.Nick);
        Assert.Equal("Guest2", second.Nick);
        Assert.Equal(["JOIN Guest2"], first.Drain());
        Assert.Empty(second.Drain());
    }

    [Fact]
    public async Task Each_joiner_learns_of_every_other_member_once_by_its_greeting_or_a_join_event()
    {
        const int Count = 100;
        var sessions = Enumerable.Range(0, Count).Select(_ => new RecordingSession(_options)).ToArray();
        var greeted = new int[Count];
        await Task.WhenAll(sessions.Select((s, i) => Task.Run(() =>
        {
            _engine.Attach(s);
            _engine.Join(s, _engine.LobbyName, (_, members, _) =>
            {
                Assert.Same(s, members[^1]);
                greeted[i] = members.Count - 1;
            });
        })));

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(Count - 1, greeted[i] + sessions[i].Drain().Count);
        }
    }

    [Fact]
    public void Connections_sessions_and_operators_are_counted_as_they_come_and_go()
    {
        var registering = new RecordingSession(_options);
        Assert.True(_engine.Open(registering));
        var admitted = Connect();
        _engine.SetServerOperator(admitted, "root", "admin", OperatorPrivileges.All);
        _engine.SetServerOperator(admitted, "root", "admin", OperatorPrivileges.All); // a second OPER: still one operator

        Assert.Equal((2, 1, 1), (_engine.ConnectionCount, _engine.SessionCount, _engine.OperatorCount));

        _engine.Detach(admitted, DisconnectReason.Quit("bye"));
        _engine.Detach(admitted, DisconnectReason.Quit("bye"));
        _engine.Detach(registering, DisconnectReason.ConnectionClosed);
        Assert.Equal((0, 0, 0), (_engine.ConnectionCount, _engine.SessionCount, _engine.OperatorCount));
    }

    [Fact]
    public void A_message_reaches_every_member_but_its_sender()
    {
        var sender = Connect();
        var a = Connect();
        var b = Connect();
        _ = (sender.Drain(), a.Drain(), b.Drain());

        _engine.SendMessage(sender, _engine.FindChannel(_engine.LobbyName)!, "hello", MessageKind.Normal);

        Assert.Empty(sender.Drain());
        Assert.Equal(["MSG Guest1 Normal hello"], a.Drain());
        Assert.Equal(["MSG Guest1 Normal hello"], b.Drain());
    }

    [Fact]
    public void A_broadcast_is_serialized_once_per_wire_form_not_once_per_recipient()
    {
        var format = new TextWireFormat();
        var sessions = Enumerable.Range(0, 50).Select(_ => new RecordingSession(_options, format)).ToList();
        foreach (var s in sessions)
        {
            _engine.Attach(s);
            _engine.Join(s, _engine.LobbyName);
        }

        var before = format.Encoded;
        _engine.SendMessage(sessions[0], _engine.FindChannel(_engine.LobbyName)!, "once", MessageKind.Normal);

        Assert.Equal(1, format.Encoded - before);
        Assert.All(sessions.Skip(1), s => Assert.Equal("MSG Guest1 Normal once", s.Drain().Last()));
    }

    [Fact]
    public async Task Concurrent_senders_are_seen_in_one_order_by_every_member()
    {
        var senders = Enumerable.Range(0, 4).Select(_ => Connect()).ToList();
        var listeners = Enumerable.Range(0, 3).Select(_ => Connect()).ToList();
        foreach (var s in senders.Concat(listeners))
        {
            s.Drain();
        }

        await Task.WhenAll(senders.Select(s => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                _engine.SendMessage(s, _engine.FindChannel(_engine.LobbyName)!, i.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageKind.Normal);
            }
        })));

        var seen = listeners.Select(l => l.Drain()).ToList();
        Assert.Equal(800, seen[0].Count);
        Assert.All(seen, order => Assert.Equal(seen[0], order));
    }

    [Fact]
    public void Nicknames_are_unique_case_insensitively_and_renames_are_announced()
    {
        var ana = Connect();
        var other = Connect();
        _ = (ana.Drain(), other.Drain());

        Assert.Equal(NickChangeResult.Changed, _engine.ChangeNick(ana, "ana"));
        Assert.Equal(NickChangeResult.InUse, _engine.ChangeNick(other, "ANA"));
        Assert.Equal(NickChangeResult.Unchanged, _engine.ChangeNick(ana, "ana"));
        Assert.Equal(NickChangeResult.Changed, _engine.ChangeNick(ana, "Ana"));
        Assert.Equal(NickChangeResult.Invalid, _engine.ChangeNick(other, "9lives"));

        Assert.Equal(["NICK Guest1 ana", "NICK ana Ana"], other.Drain());
        Assert.Same(ana, _engine.FindByNick("aNa"));
        Assert.Equal("Guest2", other.Nick);
    }

    [Fact]
    public void A_freed_nick_can_be_taken_and_guest_numbers_skip_taken_names()
    {
        var first = Connect();
        Assert.Equal(NickChangeResult.Changed, _engine.ChangeNick(first, "Guest2"));

        var second = Connect();

        Assert.Equal("Guest3", second.Nick);
        _engine.Detach(first, DisconnectReason.Quit("bye"));
        Assert.Equal(NickChangeResult.Changed, _engine.ChangeNick(second, "Guest2"));
    }

    [Fact]
    public void Detach_tells_the_lobby_why_once_and_frees_everything()
    {
        var leaver = Connect();
        var stayer = Connect();
        stayer.Drain();

        _engine.Detach(leaver, DisconnectReason.Quit("lunch"));
        _engine.Detach(leaver, DisconnectReason.Quit("again"));

        Assert.Equal(["QUIT Guest1 lunch"], stayer.Drain());
        Assert.Equal(1, _engine.SessionCount);
        Assert.Equal([stayer], _engine.FindChannel(_engine.LobbyName)!.Members);
        Assert.Empty(leaver.Channels);
        Assert.Null(_engine.FindByNick("Guest1"));
    }

    [Fact]
    public void Shutdown_closes_every_session_silently_and_admits_nobody_new()
    {
        var a = Connect();
        var b = Connect();
        a.Drain();

        _engine.BeginShutdown();
        _engine.Detach(b, DisconnectReason.ServerShutdown);

        Assert.Equal([DisconnectReason.ServerShutdown], a.ClosedWith);
        Assert.Equal([DisconnectReason.ServerShutdown], b.ClosedWith);
        Assert.Empty(a.Drain());
        Assert.False(_engine.Attach(new RecordingSession(_options)));
    }

    [Fact]
    public void A_recipient_over_its_send_queue_is_closed_and_the_others_still_receive()
    {
        var options = new EngineOptions { SendQueueBytes = 64 };
        var engine = new ChatEngine(options, TimeProvider.System);
        var sender = new RecordingSession(options);
        var slow = new RecordingSession(options);
        var fast = new RecordingSession(options);
        foreach (var s in new[] { sender, slow, fast })
        {
            engine.Attach(s);
            engine.Join(s, engine.LobbyName);
        }

        _ = (sender.Drain(), slow.Drain(), fast.Drain());
        var received = 0;
        for (var i = 0; i < 10; i++)
        {
            engine.SendMessage(sender, engine.FindChannel(engine.LobbyName)!, "a line of about thirty bytes", MessageKind.Normal);
            received += fast.Drain().Count; // fast reads; slow never does
        }

        Assert.Equal(10, received);
        Assert.Equal([DisconnectReason.SendQueueExceeded], slow.ClosedWith);
        Assert.True(slow.Output.QueuedBytes <= options.SendQueueBytes);
        Assert.Empty(fast.ClosedWith);
    }
}
