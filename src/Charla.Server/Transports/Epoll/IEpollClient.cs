namespace Charla.Server.Transports.Epoll;

/// <summary>What an <see cref="EpollLoop"/> tells: the socket has input, an end of input, or an error.</summary>
internal interface IEpollClient
{
    /// <summary>Called on the loop's thread, once per arrival (edge-triggered). MUST NOT block.</summary>
    void OnReadable();
}
