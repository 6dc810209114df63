using Charla.Protocols.Plain;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Plain;

/// <summary>Plain mode's flood control on a fake clock: a burst passes, then lines are refused, then the flooder is dropped.</summary>
public sealed class FloodTests
{
    private static InMemoryServer Start() =>
        InMemoryServer.Start(limits: l => l.Flood = new FloodOptions { LinesPerSecond = 5, Burst = 10, ExcessLimit = 20 });

    [Fact]
    public async Task A_flooder_is_told_then_disconnected_and_the_others_are_not_slowed()
    {
        await using var server = Start();
        var flooder = await server.ConnectPlainAsync();
        var observer = await server.ConnectPlainAsync();
        var talker = await server.ConnectPlainAsync();
        await flooder.ExpectAsync($"* {observer.Nick} joined");
        await flooder.ExpectAsync($"* {talker.Nick} joined");
        await observer.ExpectAsync($"* {talker.Nick} joined");

        await flooder.SendAsync(string.Concat(Enumerable.Range(0, 200).Select(i => $"flood {i}\n")));

        // The clock stands still: the burst of 10 passes, 20 more are refused, then the link closes.
        var replies = await flooder.ReadToEndAsync();
        Assert.Equal(Enumerable.Repeat("(OK)", 10), replies.Take(10));
        Assert.Equal(Enumerable.Repeat(PlainReplies.TooFast, 20), replies.Skip(10).Take(20));
        Assert.Equal(["(ERROR) Disconnected: Excess Flood."], replies.Skip(30));

        // Every acknowledged line was relayed, nothing else was, and the flooder's leaving was announced.
        var seen = await observer.ReadUntilAsync(l => l.StartsWith($"* {flooder.Nick} left", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{flooder.Nick}: flood {i}"), seen.SkipLast(1));
        Assert.Equal($"* {flooder.Nick} left (Excess Flood)", seen[^1]);

        // The others chat on as before.
        await talker.SendLineAsync("business as usual");
        await talker.ReadUntilAsync(l => l == "(OK)");
        await observer.ExpectAsync($"{talker.Nick}: business as usual");
    }

    [Fact]
    public async Task Lines_at_a_human_rate_are_never_refused()
    {
        await using var server = Start();
        var typist = await server.ConnectPlainAsync();

        for (var i = 0; i < 50; i++)
        {
            await typist.SendLineAsync($"line {i}");
            await typist.ExpectAsync("(OK)");
            server.Time.Advance(TimeSpan.FromMilliseconds(200)); // 5 lines a second, the rate
        }
    }

    [Fact]
    public async Task Lines_are_allowed_again_once_the_pause_has_paid_the_debt_back()
    {
        await using var server = Start();
        var typist = await server.ConnectPlainAsync();
        await typist.SendAsync(string.Concat(Enumerable.Range(0, 11).Select(i => $"burst {i}\n")));
        await typist.ReadUntilAsync(l => l == PlainReplies.TooFast);

        server.Time.Advance(TimeSpan.FromMilliseconds(400)); // one token for the refused line's debt, one for the next
        await typist.SendLineAsync("again");
        await typist.ExpectAsync("(OK)");
    }
}
