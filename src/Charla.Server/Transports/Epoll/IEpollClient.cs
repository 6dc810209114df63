namespace Charla.Server.Transports.Epoll;

/// <summary>What an <see cref="EpollLoop"/> tells: the socket has input, an end of input, or an error.</summary>
internal interface IEpollClient
{
    /// <summary>Called on the loop's thread, once per arrival (edge-triggered). MUST NOT block.</summary>
    /// <param name="inputEnded">The event also says the peer has closed its side, or the connection failed (EPOLLRDHUP, EPOLLHUP, EPOLLERR).</param>
    void OnReadable(bool inputEnded);
}
