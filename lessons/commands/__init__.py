"""Console commands; see lessons/cli.py for the contract each module follows."""
