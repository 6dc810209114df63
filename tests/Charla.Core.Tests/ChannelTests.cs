using Charla.Core.Channels;
using Charla.Core.Routing;
using Charla.Core.Tests.Support;

namespace Charla.Core.Tests;

public sealed class ChannelTests
{
    private readonly EngineOptions _options = new() { MaxChannelsPerUser = 3 };
    private readonly ChatEngine _engine;

    public ChannelTests() => _engine = new ChatEngine(_options, TimeProvider.System);

    private RecordingSession Connect()
    {
        var session = new RecordingSession(_options);
        _engine.Attach(session);
        return session;
    }

    [Fact]
    public void Joining_a_new_channel_creates_it_and_its_first_member_is_operator_but_not_in_the_lobby()
    {
        var first = Connect();
        var second = Connect();

        Assert.Equal(JoinResult.Joined, _engine.Join(first, "#Rust"));
        Assert.Equal(JoinResult.Joined, _engine.Join(second, "#rust"));
        Assert.Equal(JoinResult.AlreadyMember, _engine.Join(second, "#RUST"));
        _engine.Join(first, _engine.LobbyName);

        var channel = _engine.FindChannel("#rust")!;
        Assert.Equal("#Rust", channel.Name);
        Assert.True(channel.IsOperator(first));
        Assert.False(channel.IsOperator(second));
        Assert.False(_engine.FindChannel(_engine.LobbyName)!.IsOperator(first));
        Assert.Equal(["JOIN Guest2"], first.Drain());
    }

    [Fact]
    public void Part_tells_everyone_including_the_leaver_and_the_last_one_out_closes_the_channel()
    {
        var a = Connect();
        var b = Connect();
        _engine.Join(a, "#x");
        _engine.Join(b, "#x");
        var channel = _engine.FindChannel("#x")!;
        _ = (a.Drain(), b.Drain());

        Assert.True(_engine.Part(b, channel, "bye"));
        Assert.False(_engine.Part(b, channel, "again"));
        Assert.Equal(["PART Guest2 #x bye"], a.Drain());
        Assert.Equal(["PART Guest2 #x bye"], b.Drain());

        _engine.Part(a, channel, "");
        Assert.Null(_engine.FindChannel("#x"));
        Assert.Equal(JoinResult.Joined, _engine.Join(b, "#x"));
        Assert.True(_engine.FindChannel("#x")!.IsOperator(b));
    }

    [Fact]
    public void Who_may_send_follows_membership_moderation_bans_and_status()
    {
        var op = Connect();
        var member = Connect();
        var outsider = Connect();
        _engine.Join(op, "#x");
        _engine.Join(member, "#x");
        var channel = _engine.FindChannel("#x")!;
        Assert.True(channel.CanSend(member));
        Assert.False(channel.CanSend(outsider)); // +n by default

        _engine.ChangeModes(op, channel, [new ModeChange(true, ChannelSetting.Ban, $"{member.Nick}!*@*"), new ModeChange(true, ChannelSetting.Ban, $"{op.Nick}!*@*")]);
        Assert.False(channel.CanSend(member));
        Assert.True(channel.CanSend(op)); // status outranks a ban

        _engine.ChangeModes(op, channel, [new ModeChange(true, ChannelSetting.BanException, $"{member.Nick}!*@*"), new ModeChange(true, ChannelSetting.Moderated)]);
        Assert.False(channel.CanSend(member));
        _engine.ChangeModes(op, channel, [new ModeChange(true, ChannelSetting.Voice, member.Nick)]);
        Assert.True(channel.CanSend(member));
        _engine.ChangeModes(op, channel, [new ModeChange(false, ChannelSetting.Moderated), new ModeChange(false, ChannelSetting.Voice, member.Nick)]);
        Assert.True(channel.CanSend(member)); // excepted from the ban
    }

    [Fact]
    public void The_lobby_goes_with_its_last_member_and_comes_back_with_its_own_settings_and_no_operator()
    {
        var a = Connect();
        _engine.Join(a, _engine.LobbyName);
        var first = _engine.FindChannel(_engine.LobbyName)!;
        _engine.Part(a, first, "");
        Assert.Null(_engine.FindChannel(_engine.LobbyName));
        Assert.Equal(0, _engine.ChannelCount);

        _engine.Join(a, "#LOBBY");
        var again = _engine.FindChannel(_engine.LobbyName)!;
        Assert.NotSame(first, again);
        Assert.True(again.IsLobby);
        Assert.False(again.IsOperator(a));
        Assert.Equal(ChannelModes.Lobby, again.Modes);
    }

    [Fact]
    public void A_session_cannot_join_more_channels_than_the_limit()
    {
        var a = Connect();
        Assert.Equal(JoinResult.Joined, _engine.Join(a, "#1"));
        Assert.Equal(JoinResult.Joined, _engine.Join(a, "#2"));
        Assert.Equal(JoinResult.Joined, _engine.Join(a, "#3"));
        Assert.Equal(JoinResult.TooManyChannels, _engine.Join(a, "#4"));
        Assert.Null(_engine.FindChannel("#4"));
    }

    [Fact]
    public void Quit_reaches_each_peer_once_across_shared_channels_and_closes_emptied_channels()
    {
        var leaver = Connect();
        var peer = Connect();
        foreach (var name in new[] { "#a", "#b" })
        {
            _engine.Join(leaver, name);
            _engine.Join(peer, name);
        }

        _engine.Join(leaver, "#alone");
        peer.Drain();

        _engine.Detach(leaver, Sessions.DisconnectReason.Quit("gone"));

        Assert.Equal(["QUIT Guest1 gone"], peer.Drain());
        Assert.Null(_engine.FindChannel("#alone"));
    }

    [Fact]
    public void Topics_and_private_messages_reach_who_they_should()
    {
        var a = Connect();
        var b = Connect();
        _engine.Join(a, "#t");
        _engine.Join(b, "#t");
        var channel = _engine.FindChannel("#t")!;
        _ = (a.Drain(), b.Drain());

        _engine.SetTopic(a, channel, "news");
        _engine.SendPrivate(a, b, "psst", MessageKind.Normal);

        Assert.Equal("news", channel.Topic!.Text);
        Assert.Equal("Guest1", channel.Topic.SetBy);
        Assert.Equal(["TOPIC Guest1 #t news"], a.Drain());
        Assert.Equal(["TOPIC Guest1 #t news", "PRIVMSG Guest1 Guest2 psst"], b.Drain());
    }
}
