#!/usr/bin/env python3
"""A Tariff Talks bot in plain Python (standard library only): time-dependent concession.

Reads one JSON object per line on stdin (the scenario first, then views of its seat) and answers
each view on which it must act with one JSON action per line on stdout. Protocol: docs/bots.md.
"""
import json
import sys

# Concession exponent: below 1 holds firm and concedes late (Boulware), above 1 concedes early.
E = 0.6


def must_act(view):
    viewer = view["viewer"]
    return view["phase"] == "negotiating" and viewer.get("kind") == "seat" and view["turn"] == viewer["side"]


def package_points(points, offer):
    return sum(points[issue][option] for issue, option in offer.items())


def decide(view):
    side = view["viewer"]["side"]
    sheet = view["sheets"][side]
    points, delay, reservation = sheet["points"], sheet["delayCost"], sheet["reservation"]
    forbidden = {(line["issue"], o) for line in sheet["redLines"] for o in line["forbiddenOptions"]}
    allowed = {
        issue["id"]: [o["id"] for o in issue["options"] if (issue["id"], o["id"]) not in forbidden]
        for issue in view["scenario"]["issues"]
    }
    ok = lambda offer: all(offer[i] in allowed[i] for i in allowed)
    value = lambda offer: package_points(points, offer) - delay  # what a deal is worth to us now

    # Target: from our best package down to no deal as the rounds run out.
    best = {i: max(options, key=lambda o: points[i][o]) for i, options in allowed.items()}
    t = (view["round"] - 1) / max(1, view["maxRounds"] - 1)
    high = value(best)
    target = max(reservation, high - (high - reservation) * t ** (1 / E))

    theirs = [p for p in view["proposals"] if p["side"] != side]
    standing = next((p for p in theirs if p["id"] == view["standingProposalId"]), None)
    if standing and ok(standing["offer"]):
        worth = value(standing["offer"])
        last_round = view["round"] >= view["maxRounds"]
        if worth >= target or (last_round and worth > reservation):
            return {"type": "accept", "seq": view["seq"], "chat": "We accept."}

    # Offer: start from our best package and give ground, step by step, while it stays at or above
    # the target: first where their last offer asked for something, then wherever it costs us least.
    offer = dict(best)
    wanted = theirs[-1]["offer"] if theirs else {}
    while True:
        steps = [
            (wanted.get(issue) != option, loss, issue, option)
            for issue, options in allowed.items()
            for option in options
            for loss in [points[issue][offer[issue]] - points[issue][option]]
            if loss > 0 and value(offer) - loss >= target
        ]
        if not steps:
            break
        _, _, issue, option = min(steps)
        offer[issue] = option
    return {"type": "propose", "offer": offer, "seq": view["seq"]}


def main():
    lines = iter(sys.stdin.readline, "")
    json.loads(next(lines))  # the public scenario; the views carry everything this bot needs
    for line in lines:
        view = json.loads(line)
        if must_act(view):
            print(json.dumps(decide(view)), flush=True)


if __name__ == "__main__":
    main()
