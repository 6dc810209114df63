using Charla.Floor;

// charla-floor sockets|epoll [port]: holds idle IRC clients with no chat state, to measure what
// the runtime alone costs per connection (bench/README.md, "The floor").
var mode = args.Length > 0 ? args[0] : "sockets";
var port = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16667;
switch (mode)
{
    case "sockets":
        await SocketFloor.RunAsync(port);
        break;
    case "epoll" when OperatingSystem.IsLinux():
        EpollFloor.Run(port);
        break;
    default:
        Console.Error.WriteLine("usage: charla-floor sockets|epoll [port]   (epoll: Linux only)");
        return 2;
}

return 0;
