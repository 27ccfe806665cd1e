#pragma once

#include <QUndoCommand>

#include <functional>

namespace cors {

// Tiled's generic "change a value" command: sets a value through a document setter and puts the
// old one back on undo. Consecutive changes of the same thing (same id, key and field) merge into
// one step, so typing a domain is one undo step, not one per key; a change that ends where it
// started disappears from the stack.
template<typename Value> class ChangeValueCommand : public QUndoCommand
{
public:
    using Setter = std::function<bool(const Value &)>;

    ChangeValueCommand(int id, QString key, Value before, Value after, Setter setter, const QString &text)
        : QUndoCommand(text)
        , m_id(id)
        , m_key(std::move(key))
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_setter(std::move(setter))
    { }

    int id() const override { return m_id; }
    void redo() override { setObsolete(!m_setter(m_after)); }
    void undo() override { m_setter(m_before); }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const ChangeValueCommand *>(other);
        if (next->m_key != m_key)
            return false;
        m_after = next->m_after;
        setObsolete(m_after == m_before);
        return true;
    }

private:
    int m_id;
    QString m_key; // what is changed: "tenant/row/field"
    Value m_before;
    Value m_after;
    Setter m_setter;
};

} // namespace cors
