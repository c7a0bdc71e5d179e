"""Prints a stored message as JSON: headers decoded, text, attachments (name, type, base64)."""
import base64
import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    message = email.message_from_binary_file(f, policy=email.policy.default)
out = {
    "from": str(message["From"]), "to": str(message["To"]), "subject": str(message["Subject"]),
    "messageId": str(message["Message-ID"]), "date": str(message["Date"]), "text": "", "html": None, "attachments": [],
    "listUnsubscribe": message["List-Unsubscribe"] and str(message["List-Unsubscribe"]),
    "replyTo": message["Reply-To"] and str(message["Reply-To"]),
    "listUnsubscribePost": message["List-Unsubscribe-Post"] and str(message["List-Unsubscribe-Post"]),
}
for part in message.walk():
    if part.is_multipart():
        continue
    if part.get_content_disposition() == "attachment":
        out["attachments"].append({"name": part.get_filename(), "type": part.get_content_type(),
                                   "base64": base64.b64encode(part.get_payload(decode=True)).decode()})
    elif part.get_content_type() == "text/plain":
        out["text"] += part.get_content()
    elif part.get_content_type() == "text/html":
        out["html"] = part.get_content()
print(json.dumps(out))
