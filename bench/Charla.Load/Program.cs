using System.CommandLine;
using System.Globalization;
using System.Net;
using Charla.Load.Clients;
using Charla.Load.Measure;
using Charla.Load.Scenarios;

// charla-load: a load generator for Charla and other IRC servers. Each run prints a human
// summary and, last, one JSON line; `summarize` turns many JSON lines into a comparison table.
var host = new Option<string>("--host") { Description = "Server address.", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port") { Description = "Server port.", DefaultValueFactory = _ => 6667 };
var protocol = new Option<WireProtocol>("--protocol") { Description = "irc or plain.", DefaultValueFactory = _ => WireProtocol.Irc };
var label = new Option<string>("--server") { Description = "The server's name in the results.", DefaultValueFactory = _ => "charla" };
var pid = new Option<int?>("--server-pid") { Description = "The server's pid, to read its CPU time and memory from /proc." };
var settle = new Option<double>("--settle") { Description = "Seconds without progress before a run ends with losses.", DefaultValueFactory = _ => 10 };
var clients = new Option<int>("--clients") { Description = "Clients.", DefaultValueFactory = _ => 200 };
var senders = new Option<int>("--senders") { Description = "Clients that send (fanout).", DefaultValueFactory = _ => 10 };
var messages = new Option<int>("--messages") { Description = "Messages per sender.", DefaultValueFactory = _ => 1000 };
var rate = new Option<double>("--rate") { Description = "Messages per second per sender; 0 for unbounded.", DefaultValueFactory = _ => 0 };
var stalled = new Option<int>("--stalled") { Description = "Extra members of the channel that never read (fanout): a slow consumer.", DefaultValueFactory = _ => 0 };
var flooders = new Option<int>("--flooders") { Description = "Extra members that send to the channel as fast as they can for the whole run and read nothing (fanout).", DefaultValueFactory = _ => 0 };
var channels = new Option<int>("--channels") { Description = "Channels (channels scenario).", DefaultValueFactory = _ => 200 };
var perChannel = new Option<int>("--per-channel") { Description = "Clients per channel (idle scenario).", DefaultValueFactory = _ => 100 };
var seconds = new Option<double>("--seconds") { Description = "How long to hold (idle) or loop (churn).", DefaultValueFactory = _ => 5 };
var files = new Argument<string[]>("files") { Description = "Files of JSON lines from earlier runs." };

LoadOptions Options(ParseResult p) => new(
    new IPEndPoint(Dns.GetHostAddresses(p.GetValue(host)!)[0], p.GetValue(port)),
    p.GetValue(protocol), p.GetValue(label)!, new ServerProcess(p.GetValue(pid)), TimeSpan.FromSeconds(p.GetValue(settle)));

Command Scenario(string name, string description, Option[] options, Func<ParseResult, CancellationToken, Task<LoadResult>> run)
{
    var command = new Command(name, description);
    foreach (var option in new Option[] { host, port, protocol, label, pid, settle }.Concat(options))
    {
        command.Options.Add(option);
    }

    command.SetAction(async (p, token) =>
    {
        LoadResult result;
        try
        {
            result = await run(p, token);
        }
        catch (IOException ex)
        {
            // A server that cannot take the load during setup is a result too, not a crash.
            await Console.Error.WriteLineAsync($"charla-load: {name} could not be set up: {ex.Message}");
            return 4;
        }

        Report.Print(result);
        return result.Lost > 0 || result.Disconnected > 0 || result.AcksMissing > 0 ? 3 : 0;
    });
    return command;
}

var root = new RootCommand("charla-load: load scenarios over real sockets (IRC or plain mode).")
{
    Scenario("fanout", "C clients in one channel, S senders x M messages.", [clients, senders, messages, rate, stalled, flooders],
        (p, t) => FanoutScenario.RunAsync(Options(p), p.GetValue(clients), p.GetValue(senders), p.GetValue(messages), p.GetValue(rate), t, p.GetValue(stalled), p.GetValue(flooders))),
    Scenario("channels", "C clients over K channels, everyone sending M messages, unbounded or at a rate.", [clients, channels, messages, rate],
        (p, t) => ChannelsScenario.RunAsync(Options(p), p.GetValue(clients), p.GetValue(channels), p.GetValue(messages), p.GetValue(rate), t)),
    Scenario("idle", "N registered and joined connections: server KiB per connection.", [clients, perChannel, seconds],
        (p, t) => IdleScenario.RunAsync(Options(p), p.GetValue(clients), p.GetValue(perChannel), TimeSpan.FromSeconds(p.GetValue(seconds)), t)),
    Scenario("ingest", "C clients over K channels; S senders each wait for a message's acknowledgement (PONG of a PING sent behind it) before the next.", [clients, senders, channels, seconds],
        (p, t) => IngestScenario.RunAsync(Options(p), p.GetValue(clients), p.GetValue(senders), p.GetValue(channels), TimeSpan.FromSeconds(p.GetValue(seconds)), t)),
    Scenario("churn", "Workers loop connect, register, join, talk, part, quit.", [clients, seconds],
        (p, t) => ChurnScenario.RunAsync(Options(p), p.GetValue(clients), TimeSpan.FromSeconds(p.GetValue(seconds)), t)),
};

var summarize = new Command("summarize", "Medians, ranges and Charla / best peer ratios from JSON lines.") { files };
summarize.SetAction(p =>
{
    var results = p.GetValue(files)!.SelectMany(File.ReadLines)
        .Where(l => l.StartsWith('{'))
        .Select(LoadResult.FromJson)
        .OfType<LoadResult>();
    Console.Write(Summary.Table(results));
});
root.Subcommands.Add(summarize);

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await root.Parse(args).InvokeAsync();
