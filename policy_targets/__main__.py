from policy_targets.cli import main

main()
