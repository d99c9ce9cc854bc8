#include "password.h"

#include <termios.h>
#include <unistd.h>

namespace cellcrf::cli {

namespace {

// Turns terminal echo off for as long as it lives, when standard input is a
// terminal, so that a typed password never appears on screen.
class NoEcho
{
public:
    NoEcho()
    {
        if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~NoEcho()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    Q_DISABLE_COPY_MOVE(NoEcho)

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

QString readPassword(bool fromStdin, const char *envName, const QString &prompt, QTextStream &in, QTextStream &err)
{
    if (fromStdin)
        return in.readLine();
    const QByteArray env = qgetenv(envName);
    if (!env.isEmpty())
        return QString::fromUtf8(env);
    err << prompt << Qt::flush;
    NoEcho noEcho;
    const QString line = in.readLine();
    err << Qt::endl;
    return line;
}

} // namespace cellcrf::cli
